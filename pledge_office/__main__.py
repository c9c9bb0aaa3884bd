from pledge_office.cli import main

main()
