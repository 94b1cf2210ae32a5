/**
 * The API token field of both the `New connection` form and a connection's `Replace token` form:
 * masked, never autofilled or spell-checked (a spell checker may send the text to a service), and
 * always left-to-right, since a token is Latin text even in a right-to-left layout.
 */
export interface TokenInputProps {
  id: string;
  value: string;
  onValue(value: string): void;
  describedBy?: string;
  autoFocus?: boolean;
}

export function TokenInput({ id, value, onValue, describedBy, autoFocus }: TokenInputProps) {
  return (
    <input
      id={id}
      type="password"
      dir="ltr"
      autocomplete="off"
      spellcheck={false}
      autoFocus={autoFocus}
      value={value}
      aria-describedby={describedBy}
      onInput={(e) => onValue((e.currentTarget as HTMLInputElement).value)}
    />
  );
}
