import { Button, Form, Input, TextArea } from "antd-mobile"
import type { TipFormInstance, TipFormValues } from "../tip-form.ts"
import { type Category, type FieldIssue, fieldIssuesOf, type Place } from "../trpc.ts"
import { CategoryField } from "./CategoryField.tsx"
import { PhotoField, photoProblem } from "./PhotoField.tsx"
import { PlaceFields } from "./PlaceFields.tsx"

/** The fields the server may name in `error.data.issues`; anything else is shown above the send button. */
const FIELDS = ["gridId", "category", "description", "photos", "address", "contact"] as const

export const DESCRIPTION_MAX = 2000

interface Props {
  readonly places: ReadonlyArray<Place>
  readonly categories: ReadonlyArray<Category>
  readonly sending: boolean
  readonly generalError: string | null
  readonly onSend: (values: TipFormValues) => void
  readonly form: TipFormInstance
}

/** Puts each server issue next to its field; returns the issues that belong to no field. */
export const showIssues = (form: Props["form"], error: unknown): ReadonlyArray<FieldIssue> => {
  const issues = fieldIssuesOf(error)
  const byField = new Map<string, string[]>()
  const rest: FieldIssue[] = []
  for (const issue of issues) {
    const field = String(issue.path[0] ?? "")
    if ((FIELDS as ReadonlyArray<string>).includes(field))
      byField.set(field, [...(byField.get(field) ?? []), issue.message])
    else rest.push(issue)
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })))
  const [first] = byField.keys()
  if (first) document.getElementById(`tip_${first}`)?.scrollIntoView({ block: "center", behavior: "smooth" })
  return rest
}

const soleTownship = (places: ReadonlyArray<Place>) => {
  const townships = places.filter((p) => p.level === "large")
  return townships.length === 1 ? townships[0]?.id : undefined
}

/** 举报: where, what, a description, and optionally an address and a way to reach the filer. */
export const TipForm = ({ places, categories, sending, generalError, onSend, form }: Props) => (
  <Form
    name="tip"
    form={form}
    layout="vertical"
    requiredMarkStyle="text-optional"
    // With one township (the usual case), it is chosen already: one tap fewer.
    initialValues={{ township: soleTownship(places) }}
    onFinish={onSend}
    onValuesChange={(changed: TipFormValues) => {
      if ("township" in changed) form.setFieldsValue({ village: undefined, gridId: undefined })
      if ("village" in changed) form.setFieldsValue({ gridId: undefined })
    }}
    footer={
      <>
        {generalError && (
          <div role="alert" style={{ color: "var(--adm-color-danger)", marginBottom: 12 }}>
            提交失败：{generalError}
          </div>
        )}
        <Button block type="submit" color="danger" size="large" loading={sending} loadingText="正在提交">
          提交举报
        </Button>
      </>
    }
  >
    <Form.Header>隐患在哪里</Form.Header>
    <PlaceFields form={form} places={places} />
    <Form.Item name="address" label="详细地址" description="如门牌号、店名、楼栋，便于网格员找到现场">
      <Input placeholder="例如：曲河村中心街 12 号超市后门" maxLength={200} clearable />
    </Form.Item>
    <Form.Header>是什么隐患</Form.Header>
    <Form.Item
      name="category"
      label="隐患类别"
      required
      rules={[{ required: true, message: "请选择隐患类别" }]}
    >
      <CategoryField categories={categories} />
    </Form.Item>
    <Form.Item
      name="description"
      label="隐患描述"
      required
      rules={[{ required: true, whitespace: true, message: "请填写隐患描述" }]}
    >
      <TextArea
        placeholder="请说明看到的情况，例如：安全出口被货物堵死，晚上还上锁"
        rows={5}
        autoSize={{ minRows: 4, maxRows: 12 }}
        maxLength={DESCRIPTION_MAX}
        showCount
      />
    </Form.Item>
    <Form.Item
      name="photos"
      label="现场照片"
      description="可选，最多 3 张，每张不超过 10 MB；照片中的位置等信息会被去除"
      rules={[
        {
          validator: async (_, files) => {
            const problem = photoProblem(files)
            if (problem) throw new Error(problem)
          },
        },
      ]}
    >
      <PhotoField />
    </Form.Item>
    <Form.Header>联系方式</Form.Header>
    <Form.Item
      name="contact"
      label="联系方式"
      description="可以匿名举报：不留联系方式也会受理。留下的电话或姓名只用于核实情况，不会公开。"
    >
      <Input placeholder="电话或姓名" maxLength={100} clearable />
    </Form.Item>
  </Form>
)
