import { randomBytes } from "node:crypto"

// Crockford's base32 without I, L, O, U: nothing a filer can misread when copying the code by hand.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** 12 random symbols (60 bits) as XXXX-XXXX-XXXX; it says nothing about when or where, or about other tips. */
export const newTrackingCode = (): string => {
  const bytes = randomBytes(12)
  const symbols = Array.from(bytes, (b) => ALPHABET[b & 31]).join("")
  return `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`
}

/** Accepts what a person types: lower case, spaces, missing dashes, O for 0 and I/L for 1. */
export const normalizeTrackingCode = (input: string): string => {
  const symbols = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1")
  return symbols.length === 12
    ? `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`
    : symbols
}
