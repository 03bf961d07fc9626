// fixed(x, digits): x with `digits` decimals, as mlmath.figures._numbers.to_fixed
// writes it: toFixed's rounding, a true minus sign, never a negative zero.
const fixed = (x, digits) => {
  const text = (x + 0).toFixed(digits)
  if (!text.startsWith('-')) return text
  return /^-[0.]*$/.test(text) ? text.slice(1) : '\u2212' + text.slice(1)
}
