// fixed(x, digits, trim): x with `digits` decimals, as mlmath.figures._numbers.to_fixed
// writes it: toFixed's rounding, a true minus sign, never a negative zero; with trim,
// no trailing zeros after the decimal point. Prepended to every figure callback.
const fixed = (x, digits, trim = false) => {
  let text = (x + 0).toFixed(digits)
  if (trim && text.includes('.')) text = text.replace(/\.?0+$/, '')
  if (!text.startsWith('-')) return text
  return /^-[0.]*$/.test(text) ? text.slice(1) : '\u2212' + text.slice(1)
}
