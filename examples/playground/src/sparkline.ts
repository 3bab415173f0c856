// A tiny canvas sparkline: the last N values of one figure, scaled to the largest.

/** Draws values into a canvas as a filled line. */
export class Sparkline {
  readonly #canvas: HTMLCanvasElement;
  readonly #values: number[] = [];
  readonly #capacity: number;
  readonly #color: string;

  constructor(canvas: HTMLCanvasElement, color: string, capacity = 60) {
    this.#canvas = canvas;
    this.#color = color;
    this.#capacity = capacity;
  }

  push(value: number): void {
    this.#values.push(value);
    if (this.#values.length > this.#capacity) this.#values.shift();
    this.#draw();
  }

  clear(): void {
    this.#values.length = 0;
    this.#draw();
  }

  #draw(): void {
    const c = this.#canvas;
    const ctx = c.getContext("2d");
    if (ctx === null) return;
    const w = c.width;
    const h = c.height;
    ctx.clearRect(0, 0, w, h);
    const vs = this.#values;
    if (vs.length < 2) return;
    const max = Math.max(...vs) || 1;
    const x = (i: number): number => (i / (this.#capacity - 1)) * w;
    const y = (v: number): number => h - 1 - (v / max) * (h - 4);
    ctx.beginPath();
    ctx.moveTo(x(0), h);
    for (const [i, v] of vs.entries()) ctx.lineTo(x(i), y(v));
    ctx.lineTo(x(vs.length - 1), h);
    ctx.closePath();
    ctx.globalAlpha = 0.25;
    ctx.fillStyle = this.#color;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.beginPath();
    for (const [i, v] of vs.entries()) {
      if (i === 0) ctx.moveTo(x(i), y(v));
      else ctx.lineTo(x(i), y(v));
    }
    ctx.strokeStyle = this.#color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}
