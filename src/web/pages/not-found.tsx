/**
 * The page for an address under `/{lang}/` that names nothing (an unknown region, item, act…),
 * and the page for an address with a wrong value (a date that is not one), status 400.
 */
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

export function BadRequestPage(props: { ui: Ui; message: string }) {
  const { ui } = props;
  return (
    <Layout ui={ui} title={ui.m.common.badRequestTitle}>
      <h1>{ui.m.common.badRequestTitle}</h1>
      <p role="alert">{props.message}</p>
      <p>
        <a href={href(ui, '/')}>{ui.m.common.backHome}</a>
      </p>
    </Layout>
  );
}
