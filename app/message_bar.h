// A coloured bar above the views with one message: the error bar (with a close button) and the
// information bar. It keeps how to say its message and says it again when the language changes.
#pragma once

#include <QWidget>

#include <functional>

class QLabel;

namespace atlas::app {

class MessageBar : public QWidget {
  Q_OBJECT
 public:
  enum class Kind { Error, Info };
  MessageBar(Kind kind, QWidget* parent = nullptr);

  /// Shows `text()`, asked again on every language change while shown.
  void showMessage(std::function<QString()> text);
  /// Hides the bar and forgets the message.
  void clearMessage();
  /// The message shown, empty when hidden.
  QString message() const;

 protected:
  void changeEvent(QEvent* event) override;

 private:
  QLabel* m_label;
  std::function<QString()> m_text;
};

}  // namespace atlas::app
