// A React 19 app with the chat elements: attributes as written in HTML,
// events by their exact name (`ondiscret-…`), typed by `discret/react`.
import 'discret/define/discret-chat-notice';
import 'discret/define/discret-delete-conversation';
import 'discret/react';
import type { ConversationDeleteRequestEvent, NoticeAcknowledgedDetail } from 'discret';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

function Chat() {
  const [acknowledgement, setAcknowledgement] = useState<NoticeAcknowledgedDetail | null>(null);
  const [deletion, setDeletion] = useState('');
  const deleteInJavaScript = (event: ConversationDeleteRequestEvent) => event.respondWith(Promise.resolve(`ref-${event.detail.conversationId}`));
  return (
    <main>
      <discret-chat-notice
        lang="en"
        assistant="ai"
        controller="Fly Me"
        retention="P30D"
        require-ack
        notice-id="react"
        texts={{ ackButton: 'Understood' }}
        ondiscret-notice-acknowledged={(event) => setAcknowledgement(event.detail)}
      />
      <textarea aria-label="Message" disabled={!acknowledgement} />
      <p id="chat-state">{acknowledgement ? `acknowledged ${acknowledgement.noticeId}` : 'waiting'}</p>
      <discret-delete-conversation
        lang="en"
        conversation-id="react-1"
        ondiscret-conversation-delete-request={deleteInJavaScript}
        ondiscret-conversation-deleted={(event) => setDeletion(`${event.detail.receipt.status} ${event.detail.receipt.reference ?? ''}`)}
      />
      <p id="delete-state">{deletion}</p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(<Chat />);
