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

execute_process(
  COMMAND "${DULY}" check policies/camden.policy examples/data/camden/events.csv
    --cases examples/data/camden/cases.csv --as-of 2024-06-30 --by team
    --format html --out "${WORK_DIR}/report.html"
  WORKING_DIRECTORY "${SOURCE_DIR}"
  RESULT_VARIABLE status ERROR_VARIABLE err)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "duly check --format html failed (${status}):\n${err}")
endif()

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

render(report.html dom)
# The marker sets the attribute on <html> (the marker's own text names it too, in <head>).
string(REGEX MATCH "<html[^>]*data-script-error=\"[^\"]*\"" error "${dom}")
if(error)
  message(FATAL_ERROR "a script of the page failed: ${error}")
endif()
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
message(STATUS "the report rendered in Chromium with its charts, case timelines and table script")
