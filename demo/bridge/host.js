// The chat lives on the other loopback name (localhost ↔ 127.0.0.1): another
// origin, as a vendor's widget would be. Its origin is given to discret by
// data-discret-origin; discret connects the frame when the page is parsed.
const frame = document.getElementById('chat-frame');
const chatOrigin = `${location.protocol}//${location.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}:${location.port}`;
frame.dataset.discretOrigin = chatOrigin;
frame.src = `${chatOrigin}/bridge/chat.html?host=${encodeURIComponent(location.origin)}`;
for (const type of ['discret-conversation-deleted', 'discret-notice-acknowledged']) {
  frame.addEventListener(type, (event) => {
    window.demoBridgeLog = [...(window.demoBridgeLog ?? []), { type, detail: event.detail }];
    document.getElementById('host-log').textContent = `Reçu du chat : ${type}`;
  });
}
