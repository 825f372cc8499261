// A line diff (longest common subsequence) for file edits: [{op: ' ' | '-' | '+', text}].
const MAX_CELLS = 400_000;

export function lineDiff(before, after) {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  if (a.length * b.length > MAX_CELLS) {
    return [...a.map((text) => ({op: '-', text})), ...b.map((text) => ({op: '+', text}))];
  }
  const rows = a.length + 1;
  const cols = b.length + 1;
  const lcs = new Uint32Array(rows * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? lcs[(i + 1) * cols + j + 1] + 1
          : Math.max(lcs[(i + 1) * cols + j], lcs[i * cols + j + 1]);
    }
  }
  const lines = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({op: ' ', text: a[i]}); i++; j++;
    } else if (lcs[(i + 1) * cols + j] >= lcs[i * cols + j + 1]) {
      lines.push({op: '-', text: a[i++]});
    } else {
      lines.push({op: '+', text: b[j++]});
    }
  }
  while (i < a.length) lines.push({op: '-', text: a[i++]});
  while (j < b.length) lines.push({op: '+', text: b[j++]});
  return lines;
}
