import { Button, Image, Space } from "antd-mobile"
import { useEffect, useMemo } from "react"

export const MAX_PHOTOS = 3
export const MAX_PHOTO_BYTES = 10 * 1024 * 1024
const ACCEPT = "image/jpeg,image/png,image/webp"

interface Props {
  readonly id?: string
  readonly value?: ReadonlyArray<File>
  readonly onChange?: (files: ReadonlyArray<File>) => void
}

/**
 * Up to three photos from the camera or the album. The phone's own file picker, so it opens the camera
 * on phones; what is sent is checked again (and re-encoded without location data) by the server.
 */
export const PhotoField = ({ id, value = [], onChange }: Props) => {
  const previews = useMemo(() => value.map((file) => ({ file, url: URL.createObjectURL(file) })), [value])
  useEffect(
    () => () => {
      for (const { url } of previews) URL.revokeObjectURL(url)
    },
    [previews],
  )
  return (
    <Space direction="vertical" block>
      {value.length > 0 && (
        <Space wrap>
          {previews.map(({ file, url }, i) => (
            <div key={url} style={{ textAlign: "center" }}>
              <Image
                src={url}
                width={88}
                height={88}
                fit="cover"
                style={{ borderRadius: 6 }}
                alt={`照片 ${i + 1}`}
              />
              <Button size="mini" fill="none" onClick={() => onChange?.(value.filter((f) => f !== file))}>
                删除照片 {i + 1}
              </Button>
            </div>
          ))}
        </Space>
      )}
      {value.length < MAX_PHOTOS && (
        <input
          id={id}
          type="file"
          accept={ACCEPT}
          multiple
          aria-label="添加照片"
          onChange={(e) => {
            const picked = Array.from(e.target.files ?? [])
            e.target.value = ""
            onChange?.([...value, ...picked].slice(0, MAX_PHOTOS))
          }}
        />
      )}
    </Space>
  )
}

/** The checks a phone can make before sending: how many, how big, what kind. */
export const photoProblem = (files: ReadonlyArray<File> | undefined): string | null => {
  for (const [i, file] of (files ?? []).entries()) {
    if (!ACCEPT.split(",").includes(file.type)) return `第 ${i + 1} 张照片不是 JPEG、PNG 或 WebP 图片`
    if (file.size > MAX_PHOTO_BYTES) return `第 ${i + 1} 张照片超过 10 MB`
  }
  return (files?.length ?? 0) > MAX_PHOTOS ? `最多上传 ${MAX_PHOTOS} 张照片` : null
}
