import { randomUUID } from "node:crypto"
import { findPlacedUnit, insertFire } from "@firegrid/db"
import { TRPCError } from "@trpc/server"
import { Schema } from "effect"
import { requireGridInScope } from "../auth/scope.ts"
import { badField, roleProcedure, router } from "../trpc.ts"
import { Day, OptionalGrid } from "./case-input.ts"
import { required, standard, Text } from "./input.ts"

const Count = (label: string) =>
  Schema.Int.pipe(Schema.between(0, 10_000)).annotations({
    message: () => ({ message: `${label}应为 0 或正整数`, override: true }),
  })

/** A fire and its casualties, as the fire brigade or the government reports it (S-1, S-2). */
export const RecordFire = Schema.Struct({
  unitId: Schema.optional(Text("起火单位", 64)),
  gridId: OptionalGrid,
  occurredOn: required(Day("起火日期"), "请填写起火日期"),
  deaths: required(Count("死亡人数"), "请填写死亡人数"),
  injuries: required(Count("受伤人数"), "请填写受伤人数"),
  lossYuan: Schema.optional(
    Schema.Int.pipe(Schema.between(0, 2_000_000_000)).annotations({
      message: () => ({ message: "直接经济损失应为 0 或正整数（元）", override: true }),
    }),
  ),
  description: required(Text("火灾情况", 2000), "请填写火灾情况"),
})

export const fireRouter = router({
  record: roleProcedure("countyAdmin", "townshipAdmin", "fireBrigade")
    .input(standard(RecordFire))
    .mutation(async ({ ctx, input }) => {
      const db = ctx.database.db
      if (input.occurredOn > ctx.today()) throw badField("occurredOn", "起火日期不能晚于今天")
      let gridId = input.gridId
      if (input.unitId !== undefined) {
        const unit = await findPlacedUnit(db, input.unitId)
        if (!unit) throw new TRPCError({ code: "NOT_FOUND", message: `单位 ${input.unitId} 不存在` })
        gridId = unit.gridId ?? gridId
      }
      if (gridId === undefined) throw badField("gridId", "请选择起火单位或起火地点所在网格")
      await requireGridInScope(db, ctx.account, gridId)
      const fire = {
        id: randomUUID(),
        gridId,
        unitId: input.unitId ?? null,
        occurredOn: input.occurredOn,
        deaths: input.deaths,
        injuries: input.injuries,
        lossYuan: input.lossYuan ?? 0,
        description: input.description.trim(),
      }
      await insertFire(db, fire, ctx.now(), ctx.account.id)
      return fire
    }),
})
