export function zip(files: Record<string, string>): Uint8Array;
export function planDocx(plan: {
  heading: string;
  paragraph: string;
  items: [string, number][];
  bullet: string;
  rows: string[][];
}): Uint8Array;
