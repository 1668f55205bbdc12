// Apart from the upload code, so that a program declaring resources loads no HTTP or multipart library.

/** Who may reach a function or an asset. */
export type Visibility = "public" | "protected" | "private";

/** The visibilities Twilio accepts, in the order messages list them. */
export const VISIBILITIES: readonly Visibility[] = ["public", "protected", "private"];

/** True for one of {@link VISIBILITIES}. */
export function isVisibility(value: unknown): value is Visibility {
  return VISIBILITIES.some((v) => v === value);
}
