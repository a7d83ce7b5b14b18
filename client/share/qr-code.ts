/**
 * Draws a pad link as a QR code on a `<canvas>`: the `qrcode` library encodes
 * it, and the modules are painted here at a whole number of canvas pixels
 * each, black on white with the standard four-module quiet zone. The canvas
 * is drawn larger than it is shown, so the browser only ever scales it down
 * (every module stays the same width, edges stay sharp). It sets no inline
 * style (the page's Content-Security-Policy); the stylesheet decides the
 * shown size.
 */
import { create } from 'qrcode'

/** Light modules around the code, as the QR specification asks (ISO/IEC 18004, 4 modules). */
const quietZoneModules = 4

/**
 * Paints `text` on `canvas`, at least `minimumSizePx` pixels wide. Medium
 * error correction (15 %): a link stays short enough for big modules, and a
 * projector's glare or a smudged screen still scans.
 */
export function drawQrCode(canvas: HTMLCanvasElement, text: string, minimumSizePx: number): void {
  const { modules } = create(text, { errorCorrectionLevel: 'M' })
  const moduleCount = modules.size + 2 * quietZoneModules
  const modulePx = Math.max(1, Math.ceil(minimumSizePx / moduleCount))
  const sizePx = moduleCount * modulePx
  canvas.width = sizePx
  canvas.height = sizePx
  const context = canvas.getContext('2d')
  if (context === null) throw new TypeError('this browser gives no 2D canvas context')
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, sizePx, sizePx)
  context.fillStyle = '#000000'
  for (let row = 0; row < modules.size; row++) {
    for (let column = 0; column < modules.size; column++) {
      if (modules.get(row, column)) {
        context.fillRect((column + quietZoneModules) * modulePx, (row + quietZoneModules) * modulePx, modulePx, modulePx)
      }
    }
  }
}
