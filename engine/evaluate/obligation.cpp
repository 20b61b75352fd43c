// Names of statuses and of trigger/fulfilling events, as the obligations report writes them.
#include <duly/obligation.hpp>

namespace duly {

std::string_view to_string(Status status) {
  switch (status) {
    case Status::met:
      return "met";
    case Status::late:
      return "late";
    case Status::missed:
      return "missed";
    case Status::pending:
      return "pending";
    case Status::lapsed:
      return "lapsed";
  }
  return "";
}

std::string label_text(const Policy& policy, const EventLabel& label) {
  switch (label.kind) {
    case EventLabel::Kind::none:
      return "";
    case EventLabel::Kind::event:
      return policy.event_types()[label.type].name;
    case EventLabel::Kind::age:
      return "age " + std::to_string(label.age);
  }
  return "";
}

}  // namespace duly
