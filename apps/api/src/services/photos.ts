import sharp from "sharp"
import type { FieldIssue } from "../trpc.ts"

export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
const LONGEST_SIDE = 2560
const ACCEPTED = { jpeg: "image/jpeg", png: "image/png", webp: "image/webp" } as const

export interface CleanPhoto {
  readonly mime: string
  readonly bytes: Buffer
  readonly width: number
  readonly height: number
}

/**
 * Checks a photo by what it is, not by what it says it is, and re-encodes it: EXIF (with the filer's GPS
 * position and phone model), ICC comments and everything else is dropped, and it is turned upright.
 */
export const cleanPhoto = async (bytes: Uint8Array, index: number): Promise<CleanPhoto | FieldIssue> => {
  const path = ["photos", index]
  const label = `第 ${index + 1} 张照片`
  if (bytes.byteLength > MAX_PHOTO_BYTES) return { path, message: `${label}超过 10 MB` }
  let format: string | undefined
  try {
    format = (await sharp(bytes).metadata()).format
  } catch {
    format = undefined
  }
  if (format !== "jpeg" && format !== "png" && format !== "webp")
    return { path, message: `${label}不是 JPEG、PNG 或 WebP 图片` }
  try {
    const { data, info } = await sharp(bytes)
      .rotate()
      .resize({ width: LONGEST_SIDE, height: LONGEST_SIDE, fit: "inside", withoutEnlargement: true })
      .toFormat(format, format === "png" ? {} : { quality: 85 })
      .toBuffer({ resolveWithObject: true })
    return { mime: ACCEPTED[format], bytes: data, width: info.width, height: info.height }
  } catch {
    return { path, message: `${label}已损坏，无法读取` }
  }
}

export const isFieldIssue = (x: CleanPhoto | FieldIssue): x is FieldIssue => "message" in x
