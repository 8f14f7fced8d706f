// A Preact app with the chat notice: attributes as in HTML, the event by its exact name (`ondiscret-…`), typed by `discret/preact`.
import 'discret/define/discret-chat-notice';
import 'discret/preact';
import type { NoticeAcknowledgedDetail } from 'discret';
import { render } from 'preact';
import { useState } from 'preact/hooks';

function Chat() {
  const [acknowledgement, setAcknowledgement] = useState<NoticeAcknowledgedDetail | null>(null);
  return (
    <main>
      <discret-chat-notice
        lang="en"
        controller="Fly Me"
        retention="P30D"
        require-ack
        notice-id="preact"
        texts={{ ackButton: 'Understood' }}
        ondiscret-notice-acknowledged={(event) => setAcknowledgement(event.detail)}
      />
      <textarea aria-label="Message" disabled={!acknowledgement} />
      <p id="chat-state">{acknowledgement ? `acknowledged ${acknowledgement.noticeId}` : 'waiting'}</p>
    </main>
  );
}

render(<Chat />, document.getElementById('root')!);
