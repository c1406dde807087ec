// One call to a merchant endpoint as the marketplace makes it (POST <base>/<endpoint>, JSON body carrying the
// callId idempotency key), classified the way the conformance report speaks: a reply, no reply, or too slow.
import type { MerchantEndpoint } from '../../machines/contracts.js';

export type CallOutcome =
  | { readonly kind: 'reply'; readonly status: number; readonly body: Readonly<Record<string, unknown>> | undefined; readonly text: string }
  | { readonly kind: 'noReply'; readonly error: string }
  | { readonly kind: 'tooSlow'; readonly timeoutMs: number };

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return [error instanceof Error ? error.message : String(error), cause?.message, typeof code === 'string' ? code : undefined].filter(Boolean).join(': ');
}

export async function callEndpoint(base: string, endpoint: MerchantEndpoint, body: Readonly<Record<string, unknown>>, timeoutMs: number): Promise<CallOutcome> {
  const url = new URL(endpoint, base.endsWith('/') ? base : `${base}/`);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-idempotency-key': String(body.callId) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let parsed: Record<string, unknown> | undefined;
    try {
      const value: unknown = JSON.parse(text);
      parsed = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
    } catch {
      parsed = undefined;
    }
    return { kind: 'reply', status: response.status, body: parsed, text };
  } catch (error) {
    if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return { kind: 'tooSlow', timeoutMs };
    return { kind: 'noReply', error: causeOf(error) };
  }
}
