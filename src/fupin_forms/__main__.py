from fupin_forms.cli import main

main()
