"""Draw the placeholder logos: fictional, so no real body's mark is ever shipped.

Run: python tools/draw_logos.py
"""

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def font(size):
    try:
        return ImageFont.truetype(FONT, size)
    except OSError:
        return ImageFont.load_default(size)


def draw(path, lines, colour, shape, mark=False):
    image = Image.new("RGB", (800, 480), "white")
    pen = ImageDraw.Draw(image)
    if shape == "shield":
        pen.polygon([(300, 30), (500, 30), (500, 170), (400, 240), (300, 170)], fill=colour)
        pen.line([(330, 100), (470, 100)], fill="white", width=14)
    elif shape == "wave":
        for i in range(3):
            pen.arc([280, 40 + i * 45, 520, 200 + i * 45], 200, 340, fill=colour, width=16)
    elif shape == "cross":
        pen.rectangle([370, 30, 430, 230], fill=colour)
        pen.rectangle([300, 100, 500, 160], fill=colour)
    elif shape == "circles":
        for i, x in enumerate((310, 400, 490)):
            pen.ellipse([x - 60, 60, x + 60, 180], outline=colour, width=16)
    else:
        pen.rounded_rectangle([300, 40, 500, 220], radius=40, fill=colour)
        pen.polygon([(340, 190), (400, 80), (460, 190)], fill="white")
    y = 270
    for text in lines:
        size = 64 if len(text) < 14 else 52
        width = pen.textlength(text, font=font(size))
        pen.text(((800 - width) / 2, y), text, fill=colour, font=font(size))
        y += size + 18
    if mark:  # says on its face that it is no body's real logo
        small = font(30)
        width = pen.textlength("PLACEHOLDER LOGO", font=small)
        pen.text(((800 - width) / 2, 436), "PLACEHOLDER LOGO", fill="#595959", font=small)
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    print("wrote", path)


if __name__ == "__main__":
    logos = ROOT / "pledge_office" / "data" / "logos"
    draw(logos / "team-staffordshire.png", ["Team", "Staffordshire"], "#1f4e79", "circles")
    draw(logos / "support-staffordshire.png", ["Support", "Staffordshire"], "#7a1f5c", "tile")
    draw(ROOT / "samples" / "exampleshire-logo.png", ["Exampleshire", "County Council"], "#005a3c", "shield")
    # The second, fictional example: the Sampleshire Compact and Sampleton District Council.
    samples = ROOT / "samples"
    draw(samples / "sampleshire-cvs-logo.png", ["Sampleshire", "CVS"], "#8a3b00", "wave", mark=True)
    draw(samples / "nhs-sampleshire-logo.png", ["NHS Sampleshire", "ICB"], "#005eb8", "cross", mark=True)
    draw(samples / "sampleshire-assembly-logo.png", ["Sampleshire", "VCS Assembly"], "#4b2a7b", "circles", mark=True)
    draw(samples / "sampleton-logo.png", ["Sampleton", "District Council"], "#1d5e20", "shield", mark=True)
