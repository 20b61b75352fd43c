# The HTML report in a real browser: the Camden sample's page (`duly check … --by team --format
# html`) opened in headless Chromium, and the page as rendered read back. Run by ctest as
# `html.chromium` (tests/CMakeLists.txt, which fails the test, saying so, without Chromium):
#   cmake -DDULY=<duly> -DCHROMIUM=<chromium> -DSOURCE_DIR=<repository> -DWORK_DIR=<scratch>
#         -P tests/html/chromium_test.cmake
# It passes when the page rendered with no script error (no console message on Chromium's log,
# no `data-script-error` mark from the page's own marker), its charts and at least one case
# timeline are in the rendered page, the table script ran (it marks each sortable table
# `data-sortable="ready"`), and a click and a filter, made by tests/html/drive.html, do what
# they should.

foreach(variable DULY CHROMIUM SOURCE_DIR WORK_DIR)
  if(NOT ${variable})
    message(FATAL_ERROR "chromium_test.cmake needs -D${variable}=…")
  endif()
endforeach()
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")

# Runs `duly COMMAND … --format html --out WORK_DIR/page` on the Camden sample.
function(make_page command page)
  execute_process(
    COMMAND "${DULY}" ${command} policies/camden.policy examples/data/camden/events.csv
      --cases examples/data/camden/cases.csv --as-of 2024-06-30 ${ARGN}
      --format html --out "${WORK_DIR}/${page}"
    WORKING_DIRECTORY "${SOURCE_DIR}"
    RESULT_VARIABLE status ERROR_VARIABLE err)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "duly ${command} --format html failed (${status}):\n${err}")
  endif()
endfunction()

make_page(check report.html --by team)

# Opens `page` (a file in WORK_DIR) in headless Chromium; sets `dom` to the page as rendered,
# after its scripts ran, and fails on any console message (the page writes none of its own).
function(render page dom)
  execute_process(
    COMMAND "${CHROMIUM}" --headless --no-sandbox --disable-gpu --allow-file-access-from-files
      --enable-logging=stderr --v=0 "--user-data-dir=${WORK_DIR}/profile"
      --dump-dom "file://${WORK_DIR}/${page}"
    RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE log TIMEOUT 60)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "chromium on ${page} failed (${status}):\n${log}")
  endif()
  string(REGEX MATCHALL "[^\n]*:CONSOLE[^\n]*" console "${log}")
  if(console)
    list(JOIN console "\n" console)
    message(FATAL_ERROR "${page} wrote to the console:\n${console}")
  endif()
  set(${dom} "${out}" PARENT_SCOPE)
endfunction()

# Fails unless `text` holds `part` at least `least` times.
function(expect text part least what)
  string(FIND "${text}" "${part}" at)
  set(count 0)
  set(rest "${text}")
  string(LENGTH "${part}" length)
  while(NOT at EQUAL -1)
    math(EXPR count "${count} + 1")
    math(EXPR from "${at} + ${length}")
    string(SUBSTRING "${rest}" ${from} -1 rest)
    string(FIND "${rest}" "${part}" at)
  endwhile()
  if(count LESS least)
    message(FATAL_ERROR "the rendered page has ${count} of `${part}` (${what}); at least ${least} expected")
  endif()
endfunction()

# Fails when a script of the page failed: the page's marker sets `data-script-error` on <html>
# (the marker's own text names it too, in <head>).
function(expect_no_script_error dom page)
  string(REGEX MATCH "<html[^>]*data-script-error=\"[^\"]*\"" error "${dom}")
  if(error)
    message(FATAL_ERROR "a script of ${page} failed: ${error}")
  endif()
endfunction()

render(report.html dom)
expect_no_script_error("${dom}" report.html)
string(FIND "${dom}" "<html lang=\"en\">" plain_html)
if(plain_html EQUAL -1)
  message(FATAL_ERROR "the rendered page does not start as duly's page does:\n${dom}")
endif()
expect("${dom}" "<svg viewBox=\"0 0 360 146\"" 51 "a chart per rule of Camden's 51")
expect("${dom}" "aria-label=\"Timeline of case " 1 "a case timeline")
expect("${dom}" "data-sortable=\"ready\"" 3 "tables the script made sortable")

configure_file("${CMAKE_CURRENT_LIST_DIR}/drive.html" "${WORK_DIR}/drive.html" COPYONLY)
render(drive.html driven)
string(REGEX MATCH "<pre id=\"result\">[^<]*</pre>" result "${driven}")
if(NOT result STREQUAL "<pre id=\"result\">sort descending T11\nfilter 2 of 51 shown</pre>")
  message(FATAL_ERROR "clicking and filtering the summary gave:\n${result}\n"
    "expected the most late rule first (T11) and 2 of 51 rules for \"home visits\"")
endif()
# The reminder list's page (`duly due --format html`), built from the same pieces.
make_page(due due.html)
render(due.html due_dom)
expect_no_script_error("${due_dom}" due.html)
expect("${due_dom}" "data-sortable=\"ready\"" 1 "the reminder table the script made sortable")
expect("${due_dom}" "<td>overdue</td>" 19 "the 19 overdue obligations of the Camden sample")
message(STATUS "the report and the reminder list rendered in Chromium, with their scripts")
