/** The title an export carries (a report's, a reel's title cards'); empty means the archive's name. */
export function TitleField(props: {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  disabled?: boolean;
}) {
  return (
    <label className="cs-export-field">
      title
      <input
        type="text"
        value={props.value}
        placeholder="default: the archive's name"
        disabled={props.disabled}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={props.testId}
      />
    </label>
  );
}
