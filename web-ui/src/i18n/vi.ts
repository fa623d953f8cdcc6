// Vietnamese is the source language: its keys define the dictionary, and
// every other language must supply exactly the same keys (see en.ts).
export const vi = {
  appName: "planflow",
  skipToContent: "Bỏ qua, đến nội dung chính",
  languageLabel: "Ngôn ngữ",
  signInTitle: "Đăng nhập",
  signInIntro: "Hệ thống xây dựng và ban hành kế hoạch",
  loginLabel: "Tên đăng nhập",
  passwordLabel: "Mật khẩu",
  signInButton: "Đăng nhập",
  signingIn: "Đang đăng nhập…",
  signOut: "Đăng xuất",
  signedInAs: "Đang đăng nhập: {name}",
  loading: "Đang tải…",
  networkError: "Không kết nối được máy chủ. Vui lòng thử lại.",
  unexpectedError: "Máy chủ trả lời không như mong đợi (mã {status}).",
  connectionConnecting: "Đang kết nối…",
  connectionReconnecting: "Đang kết nối lại…",
  connectionClosed: "Mất kết nối. Vui lòng đăng nhập lại.",
  inboxTitle: "Việc cần làm",
  inboxEmpty: "Không có việc nào đang chờ bạn.",
  inboxCount: "{count} việc",
  colDossier: "Hồ sơ",
  colStep: "Bước",
  colRole: "Vai trò",
  colDue: "Hạn",
  noDue: "Không có hạn",
  dueOverdue: "Quá hạn",
  dueSoon: "Sắp đến hạn",
  refresh: "Tải lại",
} as const;

export type MessageKey = keyof typeof vi;
/** A complete dictionary: the same keys as Vietnamese, no more, no fewer. */
export type Messages = { readonly [K in MessageKey]: string };
