import { EvaluationPeriod } from "@firegrid/domain"
import { Schema } from "effect"
import { getEvaluation, runEvaluation } from "../services/evaluation.ts"
import { roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { OptionalGrid } from "./case-input.ts"
import { required, standard } from "./input.ts"

const Period = required(
  EvaluationPeriod.pipe(
    Schema.filter((p) => (p.year >= 2000 && p.year <= 2100) || "考评年度应在 2000–2100 之间"),
  ).annotations({ message: () => ({ message: "考评期应为某年上半年、下半年或全年", override: true }) }),
  "请选择考评期",
)

export const EvaluationRequest = Schema.Struct({ gridId: OptionalGrid, period: Period })

export const evaluationRouter = router({
  /**
   * 半年督办 / 年终考评 (S-1, 六(三)): the county evaluates its townships, a township its villages and zones,
   * from measured facts only; the run is stored and explained line by line.
   */
  run: roleProcedure("countyAdmin", "townshipAdmin")
    .input(standard(EvaluationRequest))
    .mutation(({ ctx, input }) => runEvaluation(ctx.database.db, ctx.account, input, ctx.now(), ctx.today())),

  /** The latest run: scores with their lines, the ranking, not-rankable grids, commendation and criticism lists. */
  get: signedInProcedure
    .input(standard(EvaluationRequest))
    .query(({ ctx, input }) => getEvaluation(ctx.database.db, ctx.account, input)),
})
