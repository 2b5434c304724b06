import type { Category } from "../trpc.ts"

interface Props {
  readonly id?: string
  readonly value?: string
  readonly onChange?: (value: string) => void
  readonly categories: ReadonlyArray<Category>
}

/**
 * All categories in view at once, each a full-width tap target: no hidden menu to discover. Real radio
 * buttons (antd-mobile hides its inputs with display:none), so screen readers and keyboards reach them.
 */
export const CategoryField = ({ id, value, onChange, categories }: Props) => (
  <div id={id} role="radiogroup" aria-label="隐患类别" style={{ display: "grid", gap: 4 }}>
    {categories.map((c) => (
      <label
        key={c.value}
        style={{
          display: "flex",
          alignItems: "center",
          gap: 10,
          minHeight: 40,
          fontSize: 16,
          cursor: "pointer",
        }}
      >
        <input
          type="radio"
          name="tip-category"
          value={c.value}
          checked={value === c.value}
          onChange={() => onChange?.(c.value)}
          style={{ width: 20, height: 20, margin: 0, accentColor: "#c62828", flex: "none" }}
        />
        {c.label}
      </label>
    ))}
  </div>
)
