import { randomFillSync } from "node:crypto"

// Crockford's base32 without I, L, O, U: nothing a filer can misread when copying the code by hand.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/** 12 random symbols (60 bits) as XXXX-XXXX-XXXX; it says nothing about when or where, or about other tips. */
export const newTrackingCode = (): string => {
  let code = ""
  for (let i = 0; i < 12; i++) code += (i === 4 || i === 8 ? "-" : "") + ALPHABET[randomByte() & 31]
  return code
}

// Asking the kernel for 12 bytes per tip is a system call per tip; draw them from a pool refilled 4 KiB
// at a time instead (as node's own randomUUID does). Each byte is used once.
const pool = new Uint8Array(4096)
let poolOffset = pool.length
const randomByte = (): number => {
  if (poolOffset === pool.length) {
    randomFillSync(pool)
    poolOffset = 0
  }
  return pool[poolOffset++]!
}

/** Accepts what a person types: lower case, spaces, missing dashes, O for 0 and I/L for 1. */
export const normalizeTrackingCode = (input: string): string => {
  const symbols = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1")
  return symbols.length === 12
    ? `${symbols.slice(0, 4)}-${symbols.slice(4, 8)}-${symbols.slice(8, 12)}`
    : symbols
}
