import type { Form } from "antd-mobile"

/** What the tip form holds; township and village only narrow the zone list, the API takes the zone. */
export interface TipFormValues {
  township?: string | undefined
  village?: string | undefined
  gridId?: string | undefined
  category?: string | undefined
  description?: string | undefined
  address?: string | undefined
  contact?: string | undefined
  photos?: ReadonlyArray<File> | undefined
}

export type TipFormInstance = ReturnType<typeof Form.useForm<TipFormValues>>[0]
