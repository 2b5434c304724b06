import { useMutation, useQuery } from "@tanstack/react-query"
import { Form } from "antd-mobile"
import { useState } from "react"
import { FiledResult } from "../components/FiledResult.tsx"
import { LoadFailure } from "../components/LoadFailure.tsx"
import { Loading } from "../components/Loading.tsx"
import { showIssues, TipForm } from "../components/TipForm.tsx"
import type { TipFormValues } from "../tip-form.ts"
import { type FiledTip, failureMessage, fieldIssuesOf, type TipInput, useTRPC } from "../trpc.ts"

const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined)

/**
 * The tip as the API takes it: empty optional fields are left out, not sent as "". With photos it goes as
 * multipart form data (the same procedure reads both).
 */
const toInput = (v: TipFormValues): TipInput | FormData => {
  const fields = {
    gridId: v.gridId ?? "",
    category: v.category ?? "",
    description: v.description ?? "",
    address: optional(v.address),
    contact: optional(v.contact),
  }
  if (v.photos && v.photos.length > 0) {
    const form = new FormData()
    for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.set(name, value)
    for (const photo of v.photos) form.append("photos", photo)
    return form
  }
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as TipInput
}

/** 举报隐患: the form, then the tracking code. */
export const FilePage = ({ onTrack }: { onTrack: (code: string) => void }) => {
  const trpc = useTRPC()
  const places = useQuery(trpc.grid.places.queryOptions())
  const categories = useQuery(trpc.tip.categories.queryOptions())
  const file = useMutation(trpc.tip.file.mutationOptions())
  const [form] = Form.useForm<TipFormValues>()
  const [filed, setFiled] = useState<FiledTip | null>(null)
  const [generalError, setGeneralError] = useState<string | null>(null)

  if (filed)
    return (
      <FiledResult
        filed={filed}
        onTrack={() => onTrack(filed.trackingCode)}
        onAnother={() => {
          form.resetFields()
          file.reset()
          setFiled(null)
        }}
      />
    )
  if (places.isPending || categories.isPending) return <Loading what="举报表" />
  if (places.isError || categories.isError)
    return (
      <LoadFailure
        message={failureMessage(places.error ?? categories.error)}
        onRetry={() => {
          void places.refetch()
          void categories.refetch()
        }}
      />
    )

  const send = (values: TipFormValues) => {
    setGeneralError(null)
    file.mutate(toInput(values) as TipInput, {
      onSuccess: (result) => {
        setFiled(result)
        window.scrollTo({ top: 0 })
      },
      onError: (error) => {
        // Issues about a field go next to it; only a failure that belongs to no field goes above the button.
        const allPlaced = fieldIssuesOf(error).length > 0 && showIssues(form, error).length === 0
        setGeneralError(allPlaced ? null : failureMessage(error))
      },
    })
  }
  return (
    <TipForm
      form={form}
      places={places.data}
      categories={categories.data}
      sending={file.isPending}
      generalError={generalError}
      onSend={send}
    />
  )
}
