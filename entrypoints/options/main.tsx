import { render } from 'preact';

render(<main>Atlos</main>, document.getElementById('app')!);
