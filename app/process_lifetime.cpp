#include "process_lifetime.h"

#include <QCoreApplication>
#include <QDir>
#include <QSocketNotifier>

#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

namespace atlas::app {
namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int) {
  const int saved = errno;
  const char byte = 1;
  [[maybe_unused]] const ssize_t n = ::write(g_signalPipe[0], &byte, 1);
  errno = saved;
}

constexpr char kFreshPrefix[] = "attention-atlas-fresh-";

}  // namespace

void quitOnTerminationSignals() {
  if (g_signalPipe[0] >= 0 || ::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0) return;
  auto* notifier = new QSocketNotifier(g_signalPipe[1], QSocketNotifier::Read, qApp);
  QObject::connect(notifier, &QSocketNotifier::activated, qApp, [] {
    char byte;
    [[maybe_unused]] const ssize_t n = ::read(g_signalPipe[1], &byte, 1);
    QCoreApplication::quit();
  });
  struct sigaction action {};
  action.sa_handler = onSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int s : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(s, &action, nullptr);
}

std::unique_ptr<QTemporaryDir> freshSettingsDirectory() {
  QDir temp(QDir::tempPath());
  const QStringList left =
      temp.entryList({QString(kFreshPrefix) + "*"}, QDir::Dirs | QDir::NoDotAndDotDot);
  for (const QString& name : left) {
    const QString rest = name.mid(int(sizeof kFreshPrefix) - 1);
    bool ok = false;
    const qint64 pid = rest.section('-', 0, 0).toLongLong(&ok);
    if (ok && pid > 0 && pid != QCoreApplication::applicationPid() && ::kill(pid_t(pid), 0) != 0 &&
        errno == ESRCH)
      QDir(temp.filePath(name)).removeRecursively();
  }
  auto dir = std::make_unique<QTemporaryDir>(temp.filePath(
      QString(kFreshPrefix) + QString::number(QCoreApplication::applicationPid()) + "-XXXXXX"));
  if (!dir->isValid()) return nullptr;
  return dir;
}

}  // namespace atlas::app
