import { Form } from "antd-mobile"
import { optionsUnder } from "../places.ts"
import type { TipFormInstance } from "../tip-form.ts"
import type { Place } from "../trpc.ts"
import { NativeSelect } from "./NativeSelect.tsx"

/** Township → village → zone (T-1): each list shows only the places inside the one chosen above it. */
export const PlaceFields = ({ form, places }: { form: TipFormInstance; places: ReadonlyArray<Place> }) => {
  const township: string | undefined = Form.useWatch("township", form)
  const village: string | undefined = Form.useWatch("village", form)
  const villages = optionsUnder(places, "medium", township)
  const zones = optionsUnder(places, "small", village)
  return (
    <>
      <Form.Item name="township" label="乡镇" required>
        <NativeSelect options={optionsUnder(places, "large", null)} placeholder="请选择乡镇" />
      </Form.Item>
      <Form.Item name="village" label="行政村或社区" required>
        <NativeSelect
          options={villages}
          placeholder={township ? "请选择村或社区" : "请先选择乡镇"}
          disabled={!township}
        />
      </Form.Item>
      <Form.Item
        name="gridId"
        label="责任片区（村民小组）"
        required
        rules={[{ required: true, message: "请选择隐患所在的责任片区" }]}
      >
        <NativeSelect
          options={zones}
          placeholder={village ? "请选择责任片区" : "请先选择村或社区"}
          disabled={!village}
        />
      </Form.Item>
    </>
  )
}
