import type { Capability } from '../../catalog/types.ts';
import { hasComponent, layerOf, type AnalysisContext } from '../analysisContext.ts';
import type { Finding } from '../finding.ts';

const ROOT_USER_RE = /^(?:root|0)(?::\d+)?$/;

function requiredBy(ctx: AnalysisContext, cap: Capability): string[] {
  return ctx.components.filter((c) => c.item?.requires.includes(cap)).map((c) => c.ref);
}

function list(refs: readonly string[]): string {
  return refs.join(', ');
}

function verb(refs: readonly string[], one: string, many: string): string {
  return refs.length === 1 ? one : many;
}

/** `nonroot-without-base`: a non-root user but no passwd/group or /home/nonroot. */
export function nonrootWithoutBase(ctx: AnalysisContext): Finding[] {
  const user = ctx.design.config.user;
  if (ROOT_USER_RE.test(user) || hasComponent(ctx, 'lago-grey-base')) return [];
  const named = !/^\d/.test(user);
  return [
    {
      severity: named ? 'error' : 'warning',
      code: 'nonroot-without-base',
      message: named
        ? `User "${user}" cannot be resolved: without lago-grey-base the image has no /etc/passwd. Add lago-grey-base or use a numeric uid:gid.`
        : `User ${user} runs without lago-grey-base: no /etc/passwd entry, no /home/nonroot and no /tmp. Add lago-grey-base.`,
      fix: {
        label: 'Add lago-grey-base',
        action: { type: 'addComponent', layerIndex: 0, index: 0, componentId: 'lago-grey-base' },
      },
    },
  ];
}

/** `tls-roots-missing`: something needs TLS roots but no component provides them. */
export function tlsRootsMissing(ctx: AnalysisContext): Finding[] {
  const needers = requiredBy(ctx, 'tls-roots');
  if (needers.length === 0 || ctx.provided.has('tls-roots')) return [];
  const layerIndex = layerOf(ctx, 'lago-grey-base', 0);
  const index = ctx.design.layers[layerIndex]?.components.length ?? 0;
  return [
    {
      severity: 'warning',
      code: 'tls-roots-missing',
      message: `${list(needers)} ${verb(needers, 'needs', 'need')} TLS root certificates, but no component provides them: TLS connections will fail. Add ca-certificates.`,
      fix: {
        label: 'Add ca-certificates',
        action: { type: 'addComponent', layerIndex, index, componentId: 'ca-certificates' },
      },
    },
  ];
}

/** `dns-resolver-missing`: network tools without a DNS resolver. */
export function dnsResolverMissing(ctx: AnalysisContext): Finding[] {
  const tools = ctx.components
    .filter((c) => c.item?.provides.includes('network-tools') || c.item?.requires.includes('dns-resolver'))
    .map((c) => c.ref);
  const first = tools[0];
  if (first === undefined || ctx.provided.has('dns-resolver')) return [];
  const layerIndex = layerOf(ctx, first, 0);
  const index = ctx.design.layers[layerIndex]?.components.length ?? 0;
  return [
    {
      severity: 'warning',
      code: 'dns-resolver-missing',
      message: `${list(tools)} ${verb(tools, 'uses', 'use')} the network, but no DNS resolver is installed: host names will not resolve. Add musl-dns.`,
      ...(ctx.byId.has('musl-dns') && {
        fix: {
          label: 'Add musl-dns',
          action: { type: 'addComponent', layerIndex, index, componentId: 'musl-dns' },
        },
      }),
    },
  ];
}

/** `shell-present`: a shell widens the attack surface. */
export function shellPresent(ctx: AnalysisContext): Finding[] {
  return ctx.components
    .filter((c) => c.item?.provides.includes('shell'))
    .map((c) => ({
      severity: 'warning',
      code: 'shell-present',
      message: `${c.ref} puts a shell in the image: more attack surface for anyone who gets in. Keep it to debug images.`,
      fix: {
        label: `Remove ${c.ref}`,
        action: { type: 'removeComponent', layerIndex: c.layerIndex, index: c.index },
      },
    }));
}

/** `no-pq-crypto`: nothing provides post-quantum crypto. Offers liboqs only when it fits the budget. */
export function noPqCrypto(ctx: AnalysisContext): Finding[] {
  if (ctx.provided.has('pq-crypto')) return [];
  const oqs = ctx.byId.get('liboqs');
  const last = ctx.design.layers.length - 1;
  const layerIndex = layerOf(ctx, 'libsodium', last);
  const index = ctx.design.layers[layerIndex]?.components.length ?? 0;
  const fits = oqs !== undefined && oqs.sizeBytes <= ctx.budget.remainingBytes;
  return [
    {
      severity: 'info',
      code: 'no-pq-crypto',
      message:
        'No post-quantum crypto: nothing in the image provides ML-KEM or ML-DSA. Add liboqs if the image needs it.',
      ...(fits && {
        fix: {
          label: 'Add liboqs',
          action: { type: 'addComponent', layerIndex, index, componentId: 'liboqs' },
        },
      }),
    },
  ];
}
