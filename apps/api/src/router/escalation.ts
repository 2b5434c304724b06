import {
  type EscalationAudience,
  gridSubtree,
  listEscalations,
  loadDepartments,
  loadGrids,
} from "@firegrid/db"
import {
  ARCHIVE_ENTRY_KIND_LABEL,
  describeTarget,
  ESCALATION_TRIGGER_LABEL,
  type Escalation,
} from "@firegrid/domain"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { runSweep } from "../services/sweep.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { OptionalGrid } from "./case-input.ts"
import { standard } from "./input.ts"

export const ListEscalations = Schema.Struct({ gridId: OptionalGrid })

const view = (e: Escalation, name: (id: string) => string) => ({
  id: e.id,
  trigger: e.trigger,
  triggerLabel: ESCALATION_TRIGGER_LABEL[e.trigger],
  clause: e.clause,
  fromGridId: e.fromGridId,
  fromName: name(e.fromGridId),
  to: e.to,
  toName: describeTarget(e.to, name),
  triggeredOn: e.triggeredOn,
  dueOn: e.dueOn,
  summary: e.summary,
  unitIds: e.unitIds,
  hazardIds: e.hazardIds,
  noticeIds: e.noticeIds,
  tipIds: e.tipIds,
  archive: { ...e.archive, kindLabel: ARCHIVE_ENTRY_KIND_LABEL[e.archive.kind] },
})

export const escalationRouter = router({
  /**
   * Escalations I should see (E-1): for grid accounts, those raised from my grids or addressed to them (the
   * township sees its villages' reports); for a police station or fire brigade, those addressed to it in
   * its area.
   */
  list: signedInProcedure.input(standard(ListEscalations)).query(async ({ ctx, input }) => {
    const db = ctx.database.db
    const root = input.gridId ?? ctx.account.gridId
    await requireGridInScope(db, ctx.account, root)
    const area = await gridSubtree(db, root)
    const role = ctx.account.role
    const audience: EscalationAudience =
      role === "policeStation"
        ? { _tag: "Department", kind: "police", areaGridIds: area }
        : role === "fireBrigade"
          ? { _tag: "Department", kind: "fireBrigade", areaGridIds: area }
          : { _tag: "Grids", gridIds: area }
    const [escalations, grids, departments] = await Promise.all([
      listEscalations(db, audience),
      loadGrids(db),
      loadDepartments(db),
    ])
    const names = new Map<string, string>([
      ...grids.map((g) => [g.id, g.name] as const),
      ...departments.map((d) => [d.id, d.name] as const),
    ])
    return escalations.map((e) => view(e, (id) => names.get(id) ?? id))
  }),

  /** Runs the sweep now (it also runs on a timer); only one instance sweeps at a time. */
  sweep: roleProcedure("countyAdmin", "townshipAdmin").mutation(async ({ ctx }) => {
    const outcome = await runSweep(ctx.database.db, ctx.today(), ctx.now(), ctx.account.id)
    return outcome.ran
      ? { ran: true, asOf: outcome.asOf, due: outcome.due, recorded: outcome.recorded.map((e) => e.id) }
      : { ran: false, asOf: ctx.today(), due: 0, recorded: [] as string[] }
  }),
})
