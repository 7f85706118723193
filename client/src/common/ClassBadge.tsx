import { CLASS_LABEL, CLASS_MEANING, CLASS_STYLE, CLASS_SYMBOL, type ComponentClass } from './componentClass.ts';

/** The class as a coloured badge with a symbol and a word; its tooltip says what the class means. */
export function ClassBadge({ componentClass }: { componentClass: ComponentClass }) {
  return (
    <span
      title={CLASS_MEANING[componentClass]}
      data-class={componentClass}
      className={`inline-flex items-center gap-1 rounded border px-1.5 py-0.5 text-xs font-semibold ${CLASS_STYLE[componentClass].chip} ${CLASS_STYLE[componentClass].edge}`}
    >
      <span aria-hidden="true">{CLASS_SYMBOL[componentClass]}</span>
      {CLASS_LABEL[componentClass]}
    </span>
  );
}
