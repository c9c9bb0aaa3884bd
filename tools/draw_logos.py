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


def draw(path, lines, colour, shape):
    image = Image.new("RGB", (800, 480), "white")
    pen = ImageDraw.Draw(image)
    if shape == "shield":
        pen.polygon([(300, 30), (500, 30), (500, 170), (400, 240), (300, 170)], fill=colour)
        pen.line([(330, 100), (470, 100)], fill="white", width=14)
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
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, optimize=True)
    print("wrote", path)


if __name__ == "__main__":
    logos = ROOT / "pledge_office" / "data" / "logos"
    draw(logos / "team-staffordshire.png", ["Team", "Staffordshire"], "#1f4e79", "circles")
    draw(logos / "support-staffordshire.png", ["Support", "Staffordshire"], "#7a1f5c", "tile")
    draw(ROOT / "samples" / "exampleshire-logo.png", ["Exampleshire", "County Council"], "#005a3c", "shield")
