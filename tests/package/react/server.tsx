// Server rendering: the registration imported in Node with no DOM, the element rendered to HTML with its attributes.
import 'discret/define/discret-chat-notice';
import 'discret/react';
import { renderToString } from 'react-dom/server';

console.log(renderToString(<discret-chat-notice lang="en" controller="Fly Me" require-ack notice-id="ssr" ondiscret-notice-acknowledged={() => undefined} />));
