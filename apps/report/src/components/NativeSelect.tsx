import type { Option } from "../places.ts"

interface Props {
  readonly id?: string
  readonly value?: string
  readonly onChange?: (value: string | undefined) => void
  readonly options: ReadonlyArray<Option>
  readonly placeholder: string
  readonly disabled?: boolean
}

/**
 * The phone's own picker (a wheel on iOS, a list on Android): familiar to everyone, read out by screen
 * readers, and it cannot be mis-tapped into a half-chosen state.
 */
export const NativeSelect = ({ id, value, onChange, options, placeholder, disabled }: Props) => (
  <select
    id={id}
    value={value ?? ""}
    disabled={disabled}
    onChange={(e) => onChange?.(e.target.value === "" ? undefined : e.target.value)}
    style={{
      width: "100%",
      fontSize: 17,
      padding: "6px 0",
      border: "none",
      background: "transparent",
      color: value ? "var(--adm-color-text)" : "var(--adm-color-weak)",
    }}
  >
    <option value="">{placeholder}</option>
    {options.map((o) => (
      <option key={o.value} value={o.value}>
        {o.label}
      </option>
    ))}
  </select>
)
