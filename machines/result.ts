// The shape of a result value: the value, or what went wrong. A failure always names its field `error` (a string
// unless the caller needs more, e.g. an InputError); other facts about the failure ride beside it under their own
// names (`rule`, `detail`). Functions that hand back more than one value on success spell their own `ok: true` side.
export type Result<T, E = string> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };
