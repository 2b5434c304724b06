import { useMutation } from "@tanstack/react-query"
import { Button, Form, TextArea } from "antd-mobile"
import { failureMessage, fieldIssuesOf, type TipStatus, useTRPC } from "../trpc.ts"

/**
 * For a tip marked fixed (or closed) that is not: the filer says so, and it goes back to the grid
 * (FixMyStreet's most common complaint was having no way to push back).
 */
export const ReopenForm = ({
  trackingCode,
  onReopened,
}: {
  trackingCode: string
  onReopened: (tip: TipStatus) => void
}) => {
  const trpc = useTRPC()
  const [form] = Form.useForm<{ note?: string }>()
  const reopen = useMutation(trpc.tip.reopen.mutationOptions())
  return (
    <Form
      name="reopen"
      form={form}
      layout="vertical"
      onFinish={({ note = "" }) =>
        reopen.mutate(
          { trackingCode, note },
          {
            onSuccess: onReopened,
            onError: (error) =>
              form.setFields([
                { name: "note", errors: [fieldIssuesOf(error)[0]?.message ?? failureMessage(error)] },
              ]),
          },
        )
      }
      footer={
        <Button block type="submit" color="warning" loading={reopen.isPending}>
          反馈仍未整改
        </Button>
      }
    >
      <Form.Header>隐患还在？</Form.Header>
      <Form.Item
        name="note"
        label="仍未整改的情况"
        rules={[{ required: true, whitespace: true, message: "请说明隐患仍未整改的情况" }]}
      >
        <TextArea placeholder="例如：楼道里的电动车昨晚又在充电" rows={3} maxLength={1000} showCount />
      </Form.Item>
    </Form>
  )
}
