/**
 * The tree a routing table matches paths with: one node per path segment, static children
 * by their text and one parameter child, routes at the nodes where their templates end,
 * keyed by method. A template (`/servers/{id}/action`) is whole segments, each static text
 * or one parameter, so a lookup walks one node per segment of the request path: its cost
 * depends on the path, not on how many routes the tree holds, and adding a route is a few
 * map operations (a general radix tree compiles code per route, which dominated start-up
 * at thousands of routes).
 *
 * Static segments win over parameters at the same depth, parameters with a requirement
 * (tried in the order they were declared, one per distinct pattern) over the plain one;
 * when a branch leads nowhere for the method, the lookup backs up and tries the next. So
 * `GET /abc/servers` reaches `/{project_id}/servers`, while `GET /servers/servers` reaches
 * `/servers/{id}`. A requirement costs one linear-time pattern test at its node, so the
 * cost still depends on the path and the patterns at each node, not on the route count.
 */
import type { Requirement } from './requirement.js';

/**
 * A check a leaf runs once its path matched (a route's condition function): it gets the
 * parameters and whatever the caller passed to `find`; false rejects the leaf.
 */
export type LeafGuard = (params: Record<string, string>, environ: unknown) => boolean;

/** A route at the end of a template, and the names of the parameters along it. */
interface Leaf<V> {
  value: V;
  /** Parameter names, in path order. */
  paramNames: readonly string[];
  guard: LeafGuard | undefined;
}

/** A parameter child whose segment must match a requirement. */
interface PatternedBranch<V> {
  requirement: Requirement;
  node: TreeNode<V>;
}

// Most nodes have no static children, no patterned parameters or no routes of their own:
// they share these empty ones until their first insert (thousands of nodes at start-up).
// The lookup reads them like any other; only `insert` replaces them, and never writes them.
const NO_STATICS = new Map<string, never>();
const NO_PATTERNED: readonly never[] = [];
const NO_LEAVES = new Map<string, never>();

/** One segment position of some templates. */
class TreeNode<V> {
  statics: ReadonlyMap<string, TreeNode<V>> = NO_STATICS;
  param: TreeNode<V> | null = null;
  patterned: readonly PatternedBranch<V>[] = NO_PATTERNED;
  leaves: ReadonlyMap<string, Leaf<V>> = NO_LEAVES;
}

/** A template broken into segments: static text, a parameter, or a patterned parameter. */
export interface TemplateSegments {
  /**
   * Each segment's static text, `null` where the template has a parameter, its compiled
   * requirement where the parameter has one.
   */
  segments: readonly (string | null | Requirement)[];
  /** The parameter names, in path order. */
  paramNames: readonly string[];
}

/** What a lookup found: the route's value and its parameters, percent-decoded. */
export interface TreeMatch<V> {
  value: V;
  params: Record<string, string>;
}

/** A tree of routes by method and path. */
export class SegmentTree<V> {
  private root = new TreeNode<V>();

  /**
   * @param maxParamLength the longest parameter value a lookup accepts (decoded); a path
   *   with a longer one matches nothing
   */
  constructor(private readonly maxParamLength: number) {}

  /**
   * Adds a route, unless the tree already holds one with the same method and segments
   * (parameter names aside; a patterned segment is the same when its requirement is the
   * same object): then the tree is left as it was and that route's value is returned, so the
   * caller can report the conflict. Returns undefined when the route was added.
   */
  insert(method: string, template: TemplateSegments, value: V, guard?: LeafGuard): V | undefined {
    let node = this.root;
    for (const segment of template.segments) {
      if (segment === null) {
        node.param ??= new TreeNode<V>();
        node = node.param;
      } else if (typeof segment !== 'string') {
        let branch = node.patterned.find(({ requirement }) => requirement === segment);
        if (branch === undefined) {
          branch = { requirement: segment, node: new TreeNode<V>() };
          node.patterned = [...node.patterned, branch];
        }
        node = branch.node;
      } else {
        let child = node.statics.get(segment);
        if (child === undefined) {
          child = new TreeNode<V>();
          node.statics = writable(node.statics, NO_STATICS).set(segment, child);
        }
        node = child;
      }
    }
    const existing = node.leaves.get(method);
    if (existing !== undefined) return existing.value;
    const leaf = { value, paramNames: template.paramNames, guard };
    node.leaves = writable(node.leaves, NO_LEAVES).set(method, leaf);
    return undefined;
  }

  /**
   * A tree of this tree's routes whose value `keep` accepts, in the same order: one walk
   * of this tree instead of inserting each kept route again. A subtree whose routes are all
   * kept is shared, not copied, so neither tree may be inserted into afterwards.
   */
  restricted(keep: (value: V) => boolean): SegmentTree<V> {
    const tree = new SegmentTree<V>(this.maxParamLength);
    tree.root = restrictedNode(this.root, keep) ?? tree.root;
    return tree;
  }

  /**
   * Finds the route for `method` and `url` (a path, with or without a query string, which
   * is ignored; one trailing slash is ignored too). Yields `null` when no route matches,
   * also for a malformed percent-encoding or an over-long parameter. `environ` is handed to
   * the guard of a leaf that has one.
   */
  find(method: string, url: string, environ?: unknown): TreeMatch<V> | null {
    const segments = this.splitPath(url);
    if (segments === null) return null;
    const values: string[] = [];
    const leaf = this.descend(this.root, segments, 0, method, values, environ);
    if (leaf === null) return null;
    return { value: leaf.value, params: paramsOf(leaf, values) };
  }

  private descend(
    node: TreeNode<V>,
    segments: readonly string[],
    depth: number,
    method: string,
    values: string[],
    environ: unknown
  ): Leaf<V> | null {
    if (depth === segments.length) {
      const leaf = node.leaves.get(method);
      if (leaf === undefined) return null;
      return leaf.guard === undefined || leaf.guard(paramsOf(leaf, values), environ) ? leaf : null;
    }
    const segment = segments[depth]!;
    const child = node.statics.get(segment);
    if (child !== undefined) {
      const leaf = this.descend(child, segments, depth + 1, method, values, environ);
      if (leaf !== null) return leaf;
    }
    if (segment === '' || segment.length > this.maxParamLength) return null;
    for (const { requirement, node: branch } of node.patterned) {
      if (!requirement.test(segment)) continue;
      values.push(segment);
      const leaf = this.descend(branch, segments, depth + 1, method, values, environ);
      if (leaf !== null) return leaf;
      values.pop();
    }
    if (node.param === null) return null;
    values.push(segment);
    const leaf = this.descend(node.param, segments, depth + 1, method, values, environ);
    if (leaf === null) values.pop();
    return leaf;
  }

  // The decoded segments of the path; null for a malformed percent-encoding.
  private splitPath(url: string): string[] | null {
    if (url.charCodeAt(0) !== SLASH) return null;
    let end = url.length;
    const query = url.indexOf('?');
    if (query !== -1) end = query;
    const fragment = url.indexOf('#');
    if (fragment !== -1 && fragment < end) end = fragment;
    if (end > 1 && url.charCodeAt(end - 1) === SLASH) end--;
    if (end <= 1) return [];
    // One `indexOf` and `slice` per segment: `split` of the sliced path went through the
    // runtime and cost about twice as much (docs/performance.md, "The request path, session 17").
    const segments: string[] = [];
    let start = 1;
    for (;;) {
      const slash = url.indexOf('/', start);
      const stop = slash === -1 || slash > end ? end : slash;
      let segment = url.slice(start, stop);
      if (segment.includes('%')) {
        try {
          segment = decodeURIComponent(segment);
        } catch {
          return null;
        }
      }
      segments.push(segment);
      if (stop === end) return segments;
      start = stop + 1;
    }
  }
}

/**
 * `node` with only the routes `keep` accepts: `node` itself when it keeps all of them,
 * null when it keeps none, else a new node sharing every child that keeps all of its own.
 */
function restrictedNode<V>(node: TreeNode<V>, keep: (value: V) => boolean): TreeNode<V> | null {
  const leaves = restrictedLeaves(node.leaves, keep);
  let statics: Map<string, TreeNode<V>> | null = null;
  let index = 0;
  for (const [segment, child] of node.statics) {
    const kept = restrictedNode(child, keep);
    if (kept !== child && statics === null) {
      // The children before this one are kept as they are: copy them once.
      statics = new Map([...node.statics].slice(0, index));
    }
    if (statics !== null && kept !== null) statics.set(segment, kept);
    index++;
  }
  const param = node.param === null ? null : restrictedNode(node.param, keep);
  let patterned: PatternedBranch<V>[] | null = null;
  for (let at = 0; at < node.patterned.length; at++) {
    const branch = node.patterned[at]!;
    const kept = restrictedNode(branch.node, keep);
    if (kept !== branch.node && patterned === null) patterned = node.patterned.slice(0, at);
    if (patterned !== null && kept !== null) {
      patterned.push(kept === branch.node ? branch : { ...branch, node: kept });
    }
  }
  if (leaves === node.leaves && statics === null && param === node.param && patterned === null) {
    return node;
  }
  const copy = new TreeNode<V>();
  copy.leaves = leaves;
  if (statics === null) copy.statics = node.statics;
  else if (statics.size > 0) copy.statics = statics;
  copy.param = param;
  if (patterned === null) copy.patterned = node.patterned;
  else if (patterned.length > 0) copy.patterned = patterned;
  const empty =
    copy.leaves.size === 0 &&
    copy.statics.size === 0 &&
    copy.param === null &&
    copy.patterned.length === 0;
  return empty ? null : copy;
}

function restrictedLeaves<V>(
  leaves: ReadonlyMap<string, Leaf<V>>,
  keep: (value: V) => boolean
): ReadonlyMap<string, Leaf<V>> {
  for (const leaf of leaves.values()) {
    if (keep(leaf.value)) continue;
    const kept = [...leaves].filter(([, each]) => keep(each.value));
    return kept.length === 0 ? NO_LEAVES : new Map(kept);
  }
  return leaves;
}

/** A node's own map to add to: a new one in place of the shared empty one. */
function writable<K, E>(map: ReadonlyMap<K, E>, shared: ReadonlyMap<K, never>): Map<K, E> {
  return map === shared ? new Map<K, E>() : (map as Map<K, E>);
}

function paramsOf<V>(leaf: Leaf<V>, values: readonly string[]): Record<string, string> {
  const params = Object.create(null) as Record<string, string>;
  for (let index = 0; index < values.length; index++) {
    params[leaf.paramNames[index]!] = values[index]!;
  }
  return params;
}

const SLASH = 0x2f;
