/**
 * Where the `tracing` filter gets its OpenTelemetry TracerProvider: the one registered in
 * the host container under `TRACER_PROVIDER` (an embedding program's, or a test's), else the
 * OpenTelemetry API's global provider once an SDK registered one (`provider.register()`).
 */
import { ProxyTracerProvider, trace, type TracerProvider } from '@opentelemetry/api';
import type { DependencyContainer } from 'tsyringe';

/** Container token of the host's TracerProvider. */
export const TRACER_PROVIDER = Symbol.for('wharf.token.tracer-provider');

/** The global provider's delegate while no SDK has registered one: OpenTelemetry's no-op. */
const UNSET = new ProxyTracerProvider().getDelegate();

/** The provider spans go to, or null when neither the container nor the global API has one. */
export function tracerProviderOf(container: DependencyContainer): TracerProvider | null {
  if (container.isRegistered(TRACER_PROVIDER, true))
    return container.resolve<TracerProvider>(TRACER_PROVIDER);
  const global = trace.getTracerProvider();
  if (global instanceof ProxyTracerProvider && global.getDelegate() === UNSET) return null;
  return global;
}
