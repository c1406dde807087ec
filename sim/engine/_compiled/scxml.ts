// The SCXML set algorithms xstate v5's microstep runs, over the fast path's compiled nodes: entry and exit sets,
// conflicting transitions, eventless groups, final-state checks. Pure functions of the configuration.
import type { AnyEventObject } from 'xstate';
import type { ActionFn, Context, GuardState } from './implementations.js';
import type { Node, Transition } from './tables.js';

/**
 * The entry part of xstate's microstep over `nodes` (changed in place): the entry actions (and initial actions of
 * default entries) appended to `actions`, the done.state events to `doneEvents`; true when a top-level final
 * state was entered (the machine is done).
 */
export function enter(transitions: readonly Transition[], nodes: Node[], actions: ActionFn[], doneEvents: string[]): boolean {
  const toEnter = new Set<Node>();
  const defaultEntry = new Set<Node>();
  computeEntrySet(transitions, defaultEntry, toEnter);
  const completed = new Set<Node>();
  let done = false;
  for (const s of [...toEnter].sort((a, b) => a.order - b.order)) {
    if (!nodes.includes(s)) nodes.push(s);
    actions.push(...s.entry);
    if (defaultEntry.has(s)) actions.push(...s.initialActions);
    if (s.type !== 'final') continue;
    const parent = s.parent;
    let marker = parent?.type === 'parallel' ? parent : parent?.parent;
    if (parent?.type === 'compound') doneEvents.push(`xstate.done.state.${parent.x.id}`);
    while (marker?.type === 'parallel' && !completed.has(marker) && inFinalState(nodes, marker)) {
      completed.add(marker);
      doneEvents.push(`xstate.done.state.${marker.x.id}`);
      marker = marker.parent;
    }
    if (marker) continue;
    done = true;
  }
  return done;
}

/** Per atomic or final node of `nodes` (in order), the eventless transitions of it and its ancestors, nearest first. */
export function alwaysGroups(nodes: readonly Node[]): Transition[][] {
  const groups: Transition[][] = [];
  for (const atomic of nodes) {
    if (atomic.type !== 'atomic' && atomic.type !== 'final') continue;
    const candidates: Transition[] = [];
    for (const s of atomic.selfAndAncestors) if (s.always) candidates.push(...s.always);
    if (candidates.length > 0) groups.push(candidates);
  }
  return groups;
}

export function next(node: Node, context: Context, event: AnyEventObject, st: GuardState): Transition[] | undefined {
  const candidates = node.on.get(event.type);
  if (!candidates) return undefined;
  for (const t of candidates) if (!t.guard || t.guard(context, event, st)) return [t];
  return undefined;
}

export function sameSet(a: readonly Node[], b: readonly Node[]): boolean {
  if (a.length !== b.length) return false;
  for (const n of a) if (!b.includes(n)) return false;
  return true;
}

/** Proper descendant, as xstate's isDescendant (everything descends from `undefined`). */
export function isDescendant(child: Node, parent: Node | undefined): boolean {
  let marker = child;
  while (marker.parent && marker.parent !== parent) marker = marker.parent;
  return marker.parent === parent;
}

export function properAncestors(node: Node, upTo: Node | undefined): Node[] {
  const out: Node[] = [];
  if (upTo === node) return out;
  for (let m = node.parent; m && m !== upTo; m = m.parent) out.push(m);
  return out;
}

export function domainOf(t: Transition): Node | undefined {
  if (!t.reenter && t.targets.every((target) => target === t.source || isDescendant(target, t.source))) return t.source;
  const [head, ...tail] = [...t.targets, t.source];
  for (const ancestor of properAncestors(head!, undefined)) {
    if (tail.every((n) => isDescendant(n, ancestor))) return ancestor;
  }
  if (t.reenter) return undefined;
  let root = t.source;
  while (root.parent) root = root.parent;
  return root;
}

export function computeExitSet(transitions: readonly Transition[], nodes: readonly Node[]): Node[] {
  const exits = new Set<Node>();
  for (const t of transitions) {
    if (t.targets.length === 0) continue;
    const domain = domainOf(t);
    if (t.reenter && t.source === domain) exits.add(domain);
    for (const n of nodes) if (isDescendant(n, domain)) exits.add(n);
  }
  return [...exits];
}

export function removeConflicting(transitions: readonly Transition[], nodes: readonly Node[]): Transition[] {
  const filtered = new Set<Transition>();
  for (const t1 of transitions) {
    let preempted = false;
    const remove = new Set<Transition>();
    for (const t2 of filtered) {
      const exit1 = computeExitSet([t1], nodes);
      const exit2 = computeExitSet([t2], nodes);
      if (exit1.some((n) => exit2.includes(n))) {
        if (isDescendant(t1.source, t2.source)) remove.add(t2);
        else {
          preempted = true;
          break;
        }
      }
    }
    if (!preempted) {
      for (const t of remove) filtered.delete(t);
      filtered.add(t1);
    }
  }
  return [...filtered];
}

export function computeEntrySet(transitions: readonly Transition[], defaultEntry: Set<Node>, toEnter: Set<Node>): void {
  for (const t of transitions) {
    const domain = domainOf(t);
    for (const s of t.targets) {
      if (t.source !== s || t.source !== domain || t.reenter) {
        toEnter.add(s);
        defaultEntry.add(s);
      }
      addDescendants(s, defaultEntry, toEnter);
    }
    for (const s of t.targets) {
      const ancestors = properAncestors(s, domain);
      if (domain?.type === 'parallel') ancestors.push(domain);
      addAncestors(toEnter, defaultEntry, ancestors, !t.source.parent && t.reenter ? undefined : domain);
    }
  }
}

export function addDescendants(node: Node, defaultEntry: Set<Node>, toEnter: Set<Node>): void {
  if (node.type === 'compound') {
    const initial = node.initialChild!;
    toEnter.add(initial);
    defaultEntry.add(initial);
    addDescendants(initial, defaultEntry, toEnter);
    addAncestors(toEnter, defaultEntry, properAncestors(initial, node), undefined);
  } else if (node.type === 'parallel') {
    for (const child of node.children) {
      if (![...toEnter].some((s) => isDescendant(s, child))) {
        toEnter.add(child);
        defaultEntry.add(child);
        addDescendants(child, defaultEntry, toEnter);
      }
    }
  }
}

export function addAncestors(toEnter: Set<Node>, defaultEntry: Set<Node>, ancestors: readonly Node[], domain: Node | undefined): void {
  for (const anc of ancestors) {
    if (!domain || isDescendant(anc, domain)) toEnter.add(anc);
    if (anc.type !== 'parallel') continue;
    for (const child of anc.children) {
      if (![...toEnter].some((s) => isDescendant(s, child))) {
        toEnter.add(child);
        addDescendants(child, defaultEntry, toEnter);
      }
    }
  }
}

export function inFinalState(nodes: readonly Node[], node: Node): boolean {
  if (node.type === 'compound') return node.children.some((s) => s.type === 'final' && nodes.includes(s));
  if (node.type === 'parallel') return node.children.every((s) => inFinalState(nodes, s));
  return node.type === 'final';
}
