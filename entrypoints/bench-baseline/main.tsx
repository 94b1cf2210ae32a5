import { render } from 'preact';

// One element, nothing else: the floor any extension page with Preact pays (see test/bench/measure-popup.ts).
render(<input aria-label="Baseline" />, document.getElementById('app')!);
