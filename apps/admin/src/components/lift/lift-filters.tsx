import { Button, Field, Input, Select } from "@boomerang/ui";
import { liftWindowOptions, type LiftInput } from "./search";

/**
 * The measurement window and the expected effect, as a plain GET form: the choice lives in the URL,
 * so a view can be shared by link and works before the page's scripts load.
 */
export function LiftFilters({ input }: { input: LiftInput }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Lift settings">
      <Field label="Window after enrolling" htmlFor="lift-window">
        <Select id="lift-window" name="window" defaultValue={String(input.windowWeeks ?? 8)}>
          {liftWindowOptions.map((w) => (
            <option key={w} value={w}>
              {w} weeks
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Expected lift in repeat rate (points)"
        htmlFor="lift-expected"
        hint="Blank: each program type's assumed effect."
      >
        <Input
          id="lift-expected"
          name="expected"
          inputMode="decimal"
          placeholder="e.g. 2"
          defaultValue={input.expectedLiftPp == null ? "" : String(input.expectedLiftPp)}
        />
      </Field>
      <Button type="submit">Update</Button>
    </form>
  );
}
