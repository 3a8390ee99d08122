/**
 * The render-stage adapter of native workloads.
 */
import type { ResolvedComponent, ResolvedSource } from '../../resolve/types.ts';
import type { RenderContext, SourceRenderer } from '../context.ts';
import type { NativeComponent } from './context.ts';
import { buildNativeObjects } from './index.ts';

function nativeSource(component: ResolvedComponent): Extract<ResolvedSource, { kind: 'native' }> {
  if (component.source.kind !== 'native') throw new Error(`component ${component.name} is not a native component`);
  return component.source;
}

function nativeComponent(component: ResolvedComponent, ctx: RenderContext): NativeComponent {
  return {
    stackName: ctx.stack.name,
    component: component.name,
    instanceName: component.instanceName,
    namespace: component.namespace,
    disabledSubcomponents: component.disabledSubcomponents,
    position: component.position,
  };
}

/** Renders native components with {@link buildNativeObjects}. */
export const nativeRenderer: SourceRenderer = {
  async keyInputs(component) {
    const source = nativeSource(component);
    return {
      cacheable: true,
      inputs: { workloads: source.workloads, disabled: [...component.disabledSubcomponents].sort() },
    };
  },
  async render(component, ctx) {
    return buildNativeObjects(nativeComponent(component, ctx), nativeSource(component));
  },
};
