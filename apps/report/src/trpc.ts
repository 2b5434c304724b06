import type { AppRouter } from "@firegrid/api"
import { QueryClient } from "@tanstack/react-query"
import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
} from "@trpc/client"
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server"
import { createTRPCContext } from "@trpc/tanstack-react-query"

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>()

type Outputs = inferRouterOutputs<AppRouter>
export type Place = Outputs["grid"]["places"][number]
export type Category = Outputs["tip"]["categories"][number]
export type TipStatus = Outputs["tip"]["status"]
export type FiledTip = Outputs["tip"]["file"]

export const makeQueryClient = () =>
  new QueryClient({
    defaultOptions: { queries: { retry: 1, staleTime: 60_000, refetchOnWindowFocus: false } },
  })

// Mutations go alone: photos travel as form data, which only the unbatched link can send, and a tip
// filed as one JSON call is answered by the API's lean path (ADR 0007). Reads are batched.
export const makeTrpcClient = () =>
  createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "mutation" || isNonJsonSerializable(op.input),
        true: httpLink({ url: "/trpc" }),
        false: httpBatchLink({ url: "/trpc" }),
      }),
    ],
  })

export interface FieldIssue {
  readonly path: ReadonlyArray<string | number>
  readonly message: string
}

/** The per-field problems the server reported (its errorFormatter puts them in `data.issues`). */
export const fieldIssuesOf = (error: unknown): ReadonlyArray<FieldIssue> => {
  if (!(error instanceof TRPCClientError)) return []
  const issues = (error.data as { issues?: unknown } | undefined)?.issues
  return Array.isArray(issues) ? (issues as FieldIssue[]) : []
}

/** A sentence for a failure that belongs to no field: the server is unreachable, or refused for a reason it gave. */
export const failureMessage = (error: unknown): string => {
  const status =
    error instanceof TRPCClientError ? (error.data as { httpStatus?: number } | undefined) : undefined
  if (!status?.httpStatus) return "无法连接到服务器，请检查网络后重试"
  return error instanceof Error && error.message ? error.message : "服务器出错，请稍后重试"
}

export type TipInput = inferRouterInputs<AppRouter>["tip"]["file"]
