import { useQueryClient } from "@tanstack/react-query"
import { Button, Form, Input } from "antd-mobile"
import { useEffect, useState } from "react"
import { ReopenForm } from "../components/ReopenForm.tsx"
import { TipStatusCard } from "../components/TipStatusCard.tsx"
import { failureMessage, fieldIssuesOf, type TipStatus, useTRPC } from "../trpc.ts"

interface Values {
  trackingCode?: string
}

/** 查询进度: the code from the result screen → the tip's state; an unknown code → the server's sentence. */
export const TrackPage = ({ initialCode }: { initialCode: string | null }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const [form] = Form.useForm<Values>()
  const [tip, setTip] = useState<TipStatus | null>(null)
  const [busy, setBusy] = useState(false)

  const lookUp = async ({ trackingCode = "" }: Values) => {
    setBusy(true)
    setTip(null)
    try {
      const options = trpc.tip.status.queryOptions({ trackingCode: trackingCode.trim() })
      setTip(await queryClient.fetchQuery({ ...options, staleTime: 0, retry: false }))
    } catch (error) {
      const message = fieldIssuesOf(error)[0]?.message ?? failureMessage(error)
      form.setFields([{ name: "trackingCode", errors: [message] }])
    } finally {
      setBusy(false)
    }
  }

  useEffect(() => {
    if (initialCode) form.submit()
  }, [initialCode, form])

  return (
    <div style={{ paddingBottom: 32 }}>
      <Form
        name="track"
        form={form}
        layout="vertical"
        initialValues={{ trackingCode: initialCode ?? "" }}
        onFinish={lookUp}
        footer={
          <Button block type="submit" color="primary" size="large" loading={busy} loadingText="正在查询">
            查询
          </Button>
        }
      >
        <Form.Item
          name="trackingCode"
          label="查询码"
          description="提交举报后得到的 12 位查询码，大小写和空格均可"
          rules={[{ required: true, whitespace: true, message: "请输入查询码" }]}
        >
          <Input placeholder="例如 7K3M-9QXA-2D8F" autoComplete="off" clearable />
        </Form.Item>
      </Form>
      {tip && <TipStatusCard tip={tip} />}
      {tip?.canReopen && <ReopenForm trackingCode={tip.trackingCode} onReopened={setTip} />}
    </div>
  )
}
