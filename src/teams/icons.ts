import type { RgbaImage } from './png.js';

type Rgba = [number, number, number, number];
const ACCENT: Rgba = [0x2f, 0x6f, 0x73, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const CLEAR: Rgba = [0, 0, 0, 0];

/**
 * The app's mark, drawn in code so the package needs no binary assets: a droplet (skin care)
 * over a row of fine dots (micro-needling), on the accent colour or, for the outline icon,
 * in white on transparent as Teams requires. Coordinates are fractions of the icon size.
 */
function isMark(x: number, y: number): boolean {
  const dropCentreX = 0.5;
  const dropCentreY = 0.5;
  const radius = 0.2;
  const inCircle = (x - dropCentreX) ** 2 + (y - dropCentreY) ** 2 <= radius ** 2;
  // The tip: a triangle narrowing upwards from the circle's widest line.
  const inTip = y >= 0.16 && y <= dropCentreY && Math.abs(x - dropCentreX) <= ((y - 0.16) / (dropCentreY - 0.16)) * radius;
  const dots = [0.3, 0.43, 0.57, 0.7].some((dotX) => (x - dotX) ** 2 + (y - 0.82) ** 2 <= 0.045 ** 2);
  return inCircle || inTip || dots;
}

function draw(size: number, paint: (mark: boolean, x: number, y: number) => Rgba): RgbaImage {
  const pixels = new Uint8Array(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size;
      const y = (py + 0.5) / size;
      pixels.set(paint(isMark(x, y), x, y), (py * size + px) * 4);
    }
  }
  return { width: size, height: size, pixels };
}

/** 192 x 192, full colour: white mark on an accent rounded square. */
export function colorIcon(): RgbaImage {
  const corner = 0.18;
  const inRoundedSquare = (x: number, y: number) => {
    const dx = Math.max(corner - x, 0, x - (1 - corner));
    const dy = Math.max(corner - y, 0, y - (1 - corner));
    return dx * dx + dy * dy <= corner * corner;
  };
  return draw(192, (mark, x, y) => (!inRoundedSquare(x, y) ? CLEAR : mark ? WHITE : ACCENT));
}

/** 32 x 32 outline: white mark, everything else transparent. */
export function outlineIcon(): RgbaImage {
  return draw(32, (mark) => (mark ? WHITE : CLEAR));
}
