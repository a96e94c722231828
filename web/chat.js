// The website widget: gets a Direct Line token from this server (the secret stays there),
// starts Web Chat, sends the join event so the welcome comes first, and shows the booking
// panel when the bot reports a finished assessment (every message it posts tells the bot so,
// and the bot then offers no booking in the chat: one offer). After "forget me" it takes the
// conversation off the screen. It shows how a host site integrates.
(function () {
  'use strict';
  // The conversation this browser has, so a reload or a later visit resumes it with its history,
  // and its resume ticket: the server's signed proof that the conversation (and the person's
  // user id, inside it) is this browser's. Without the ticket the server gives a new conversation.
  var CONVERSATION_KEY = 'skinGuideConversationId';
  var TICKET_KEY = 'skinGuideTicket';
  // Where earlier versions kept a user id made in the browser; the server makes it now.
  var LEGACY_USER_KEY = 'skinGuideUserId';
  var NO_BOOKING_OUTCOMES = ['emergency', 'urgent'];
  // Set once Web Chat runs: tells the bot the booking link was opened (counted, anonymously, in the clinic's insights).
  var sendBookingOpened = function () {};

  function tokenRequest() {
    var ticket = window.localStorage.getItem(TICKET_KEY);
    var earlier = window.localStorage.getItem(CONVERSATION_KEY);
    if (!ticket) return {};
    // Without a conversation id ("Start a new chat") the ticket only says who the person is,
    // so the new conversation is theirs too and "forget me" still erases the earlier one.
    return earlier ? { conversationId: earlier, ticket: ticket } : { ticket: ticket };
  }

  function hideBooking() {
    document.getElementById('booking').hidden = true;
  }

  function showBooking(value) {
    // A later decision (a correction) may take the offer back: an alarm, or a check that ended (a minor).
    if (!value || NO_BOOKING_OUTCOMES.indexOf(value.outcome) >= 0 || value.endedBy) {
      hideBooking();
      return;
    }
    var url = document.body.getAttribute('data-booking-url');
    var link = document.getElementById('booking-link');
    if (url) {
      link.setAttribute('href', url);
      link.hidden = false;
    } else {
      document.getElementById('booking-contact').hidden = false;
    }
    document.getElementById('booking').hidden = false;
  }

  document.getElementById('booking-link').addEventListener('click', function () {
    sendBookingOpened();
  });

  function showError() {
    document.getElementById('chat-error').hidden = false;
  }

  // "Start a new chat": forget this browser's conversation (the bot keeps it until the retention
  // period ends or "forget me") and start afresh; the ticket it had is replaced by the new one's.
  document.getElementById('new-chat').addEventListener('click', function (event) {
    event.preventDefault();
    window.localStorage.removeItem(CONVERSATION_KEY);
    window.location.reload();
  });

  // After "forget me" nothing of the person stays in this browser either: not what it stored,
  // not the answers on the screen, not the booking offer. The conversation is closed and Web
  // Chat, with its transcript, removed; the notice takes its place and is read out.
  function forgetInBrowser(directLine) {
    window.localStorage.removeItem(CONVERSATION_KEY);
    window.localStorage.removeItem(TICKET_KEY);
    window.localStorage.removeItem(LEGACY_USER_KEY);
    directLine.end();
    var chat = document.getElementById('webchat');
    chat.parentNode.removeChild(chat);
    hideBooking();
    document.getElementById('new-chat').parentNode.hidden = true;
    var notice = document.getElementById('forgotten');
    notice.hidden = false;
    notice.focus();
  }

  // Every message the page posts says that this page shows the booking offer in its panel.
  function withBookingPanel(action) {
    var activity = action.payload.activity;
    var channelData = Object.assign({}, activity.channelData, { bookingPanel: true });
    var payload = Object.assign({}, action.payload, { activity: Object.assign({}, activity, { channelData: channelData }) });
    return Object.assign({}, action, { payload: payload });
  }

  var openedAt = Date.now();
  // When a conversation is resumed its old activities arrive again; an old "forgotten" event is history.
  function historyReplay(activity) {
    return Boolean(activity.timestamp) && Date.parse(activity.timestamp) < openedAt - 5000;
  }
  fetch('/api/directline/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(tokenRequest()),
  })
    .then(function (response) {
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    })
    .then(function (session) {
      var resumed = session.resumed === true;
      window.localStorage.setItem(CONVERSATION_KEY, session.conversationId);
      window.localStorage.setItem(TICKET_KEY, session.ticket);
      window.localStorage.removeItem(LEGACY_USER_KEY);
      var options = {
        token: session.token,
        domain: new URL(session.domain, window.location.href).href,
        webSocket: false,
        pollingInterval: 500,
      };
      // Resuming: the same conversation from its first activity, so the history is shown again.
      if (resumed) {
        options.conversationId = session.conversationId;
        options.watermark = '0';
      }
      var directLine = window.WebChat.createDirectLine(options);
      var store = window.WebChat.createStore({}, function (api) {
        return function (next) {
          return function (action) {
            if (action.type === 'DIRECT_LINE/CONNECT_FULFILLED') {
              // A new conversation starts with the welcome; a resumed one shows where it was.
              if (!resumed) api.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'webchat/join', value: {} } });
            }
            if (action.type === 'DIRECT_LINE/POST_ACTIVITY') return next(withBookingPanel(action));
            if (action.type === 'DIRECT_LINE/INCOMING_ACTIVITY') {
              var activity = action.payload.activity;
              if (activity.type === 'event' && activity.name === 'assessment.completed') showBooking(activity.value);
              if (activity.type === 'event' && activity.name === 'conversation.forgotten' && !historyReplay(activity)) {
                // After Web Chat has handled this action: it is not taken away in the middle of its own dispatch.
                setTimeout(function () {
                  forgetInBrowser(directLine);
                }, 0);
              }
            }
            return next(action);
          };
        };
      });
      sendBookingOpened = function () {
        store.dispatch({ type: 'WEB_CHAT/SEND_EVENT', payload: { name: 'booking.opened', value: {} } });
      };
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          store: store,
          locale: 'en-GB',
          styleOptions: {
            accent: '#2f6f73',
            botAvatarInitials: 'G',
            hideUploadButton: true,
            suggestedActionLayout: 'flow',
            bubbleBorderRadius: 10,
            bubbleFromUserBackground: '#e4f0ef',
            bubbleFromUserBorderRadius: 10,
          },
        },
        document.getElementById('webchat'),
      );
    })
    .catch(showError);
})();
