/** The page for an address under `/{lang}/` that names nothing (an unknown region, item, act…). */
import { Layout } from '../layout.tsx';
import { href, type Ui } from '../ui.ts';

export function NotFoundPage(props: { ui: Ui; detail?: string }) {
  const { ui } = props;
  return (
    <Layout ui={ui} title={ui.m.common.notFoundTitle}>
      <h1>{ui.m.common.notFoundTitle}</h1>
      <p>{ui.m.common.notFoundText}</p>
      {props.detail ? <p>{props.detail}</p> : null}
      <p>
        <a href={href(ui, '/')}>{ui.m.common.backHome}</a>
      </p>
    </Layout>
  );
}
