/**
 * A template literal built as one flat string, for text the engines keep by the ten thousand (score
 * lines). Internal (not exported from the package).
 *
 * Why: V8 keeps a string made with `+` or a template literal as a tree of its pieces (a "rope"); an
 * evaluation keeps 50,000 score lines, each with numbers turned into strings, and those trees were
 * most of scoring's memory and of the garbage collector's copying. Array#join copies the pieces into
 * one string, and the pieces die young. The text is the same as the template literal's. (Escalation
 * summaries are mostly existing strings — dates, numbers of notices — so joining them saves little.)
 */
export const flat = (parts: TemplateStringsArray, ...values: ReadonlyArray<string | number>): string => {
  const pieces: Array<string | number> = [parts[0]!]
  for (let i = 0; i < values.length; i++) pieces.push(values[i]!, parts[i + 1]!)
  return pieces.join("")
}
