// The figure kit's JavaScript helpers, put in front of every figure callback by
// mlmath.figures.kit.callback(). Each has a Python twin of the same name in
// mlmath/figures/kit/numbers.py or palette.py; the unit tests compare the two.

// fixed(x, digits, trim): x with `digits` decimals, rounded as toFixed does (ties
// away from zero), a true minus sign, never a negative zero; with trim, no trailing
// zeros after the decimal point.
const fixed = (x, digits, trim = false) => {
  let text = (x + 0).toFixed(digits)
  if (trim && text.includes('.')) text = text.replace(/\.?0+$/, '')
  if (!text.startsWith('-')) return text
  return /^-[0.]*$/.test(text) ? text.slice(1) : '\u2212' + text.slice(1)
}

// sub(1, 2) is '₁₂': indices as Unicode subscript digits.
const sub = (...indices) => indices.join('').replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[d])

// paren('−1') is '(−1)': a negative number in parentheses, so that 2 × (−1) reads right.
const paren = (text) => text.startsWith('\u2212') ? `(${text})` : text

// tint(text, name): text in the palette colour `name`, in light and dark mode alike
// (the page defines --mlmath-<name> for both; see mlmath.figures.kit.palette.tint).
const tint = (text, name) => `<span style="color: var(--mlmath-${name})">${text}</span>`
